import { dataEventsCheck } from '../lib/s3-data-events.ts';

/** Security Hub S3.22: object-level write events are logged. */
export default dataEventsCheck('write');
