/**
 * One catalogue of error codes with stable names. Messages say what and where; codes let the API,
 * the logs and the counters agree.
 */
export const ErrorCode = {
  ParamUnknown: 'PARAM_UNKNOWN',
  ParamOutOfRange: 'PARAM_OUT_OF_RANGE',
  ParamNotFinite: 'PARAM_NOT_FINITE',
  OscMalformed: 'OSC_MALFORMED',
  OscBadArguments: 'OSC_BAD_ARGUMENTS',
  OscUnknownAddress: 'OSC_UNKNOWN_ADDRESS',
  ConfigInvalid: 'CONFIG_INVALID',
  FileInvalid: 'FILE_INVALID',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface DetentError {
  readonly code: ErrorCode;
  readonly message: string;
}

export const detentError = (code: ErrorCode, message: string): DetentError => ({ code, message });
