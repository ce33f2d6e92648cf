/** The AWS CloudTrail operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as selectors from './event-selectors.ts';
import { lookupEvents } from './lookup-events.ts';
import * as tags from './tags.ts';
import * as logging from './trail-logging.ts';
import * as trails from './trails.ts';
import type { CloudTrailState } from './state.ts';

export const CLOUDTRAIL_HANDLERS: Readonly<Record<string, Handler<any, any, CloudTrailState>>> = {
  CreateTrail: trails.createTrail,
  UpdateTrail: trails.updateTrail,
  DeleteTrail: trails.deleteTrail,
  GetTrail: trails.getTrail,
  DescribeTrails: trails.describeTrails,
  ListTrails: trails.listTrails,
  StartLogging: logging.startLogging,
  StopLogging: logging.stopLogging,
  GetTrailStatus: logging.getTrailStatus,
  PutEventSelectors: selectors.putEventSelectors,
  GetEventSelectors: selectors.getEventSelectors,
  PutInsightSelectors: selectors.putInsightSelectors,
  GetInsightSelectors: selectors.getInsightSelectors,
  AddTags: tags.addTags,
  RemoveTags: tags.removeTags,
  ListTags: tags.listTags,
  LookupEvents: lookupEvents,
};
