import { dataEventsCheck } from '../lib/s3-data-events.ts';

/** Security Hub S3.23: object-level read events are logged. */
export default dataEventsCheck('read');
