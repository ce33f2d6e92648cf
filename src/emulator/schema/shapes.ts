/**
 * The emulator's compiled view of AWS's API definitions. `compile.ts` builds these once per
 * operation from the static schemas inside the `@aws-sdk/client-*` packages; protocol codecs then
 * walk plain objects instead of re-interpreting schema arrays on every request.
 */

/** Timestamp wire formats as Smithy numbers them: 5 date-time, 6 http-date, 7 epoch-seconds. */
export type TimestampFormat = 5 | 6 | 7;

export interface StringShape { readonly type: 'string' }
export interface NumberShape { readonly type: 'number' }
export interface BooleanShape { readonly type: 'boolean' }
export interface DocumentShape { readonly type: 'document' }
export interface BlobShape { readonly type: 'blob'; readonly streaming: boolean }
export interface TimestampShape {
  readonly type: 'timestamp';
  /** Set when the model pins a format; otherwise the protocol's (or binding's) default applies. */
  readonly format: TimestampFormat | undefined;
}

export interface ListShape {
  readonly type: 'list';
  readonly name: string;
  member: Member;
}

export interface MapShape {
  readonly type: 'map';
  readonly name: string;
  key: Member;
  value: Member;
}

/** What the schema says about a modelled error. */
export interface ErrorTraits {
  readonly fault: 'client' | 'server';
  readonly httpStatus: number;
  /** awsQuery services name some errors differently on the wire (NoSuchEntityException → NoSuchEntity). */
  readonly queryCode: string | undefined;
  readonly queryStatus: number | undefined;
}

export interface StructureShape {
  readonly type: 'structure';
  /** Shape name without namespace, e.g. `CreateRoleRequest`. */
  readonly name: string;
  readonly union: boolean;
  members: Member[];
  byName: Record<string, Member>;
  /** Names of required members, in model order. */
  required: string[];
  readonly xmlName: string | undefined;
  readonly xmlNamespace: XmlNamespace | undefined;
  readonly error: ErrorTraits | undefined;
}

export interface XmlNamespace { readonly prefix: string | undefined; readonly uri: string }

export type Shape =
  | StringShape
  | NumberShape
  | BooleanShape
  | DocumentShape
  | BlobShape
  | TimestampShape
  | ListShape
  | MapShape
  | StructureShape;

/** Traits that matter to the wire, merged from the member and its target. */
export interface MemberTraits {
  xmlName?: string;
  xmlFlattened?: boolean;
  xmlAttribute?: boolean;
  xmlNamespace?: XmlNamespace;
  ec2QueryName?: string;
  jsonName?: string;
  httpHeader?: string;
  httpQuery?: string;
  httpLabel?: boolean;
  httpPayload?: boolean;
  httpPrefixHeaders?: string;
  httpQueryParams?: boolean;
  httpResponseCode?: boolean;
  hostLabel?: boolean;
  idempotencyToken?: boolean;
  sensitive?: boolean;
  mediaType?: string;
}

export interface Member {
  readonly name: string;
  readonly shape: Shape;
  readonly required: boolean;
  readonly traits: MemberTraits;
}

/** An operation's HTTP binding (restXml / restJson); RPC protocols have none. */
export interface HttpTrait {
  readonly method: string;
  /** e.g. `/{Key+}?x-id=GetObject` */
  readonly uri: string;
  readonly code: number;
}

export interface OperationShape {
  readonly name: string;
  readonly http: HttpTrait | undefined;
  readonly input: StructureShape;
  readonly output: StructureShape;
  /** Errors the operation declares (empty in SDK schemas; errors are looked up service-wide). */
}

export const EMPTY_STRUCTURE: StructureShape = Object.freeze({
  type: 'structure',
  name: 'Unit',
  union: false,
  members: [],
  byName: {},
  required: [],
  xmlName: undefined,
  xmlNamespace: undefined,
  error: undefined,
}) as StructureShape;
