export { AppError, isAppError, type AppErrorOptions } from './app-error.js';
export { errorCodes, type ErrorCode } from './codes.js';
export { toProblem, problemHeaders, problemResponse, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';
