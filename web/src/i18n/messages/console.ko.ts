import type { Messages } from './messages.js';

/** The operator console's sentences, in Korean. */
export const consoleKo: Messages['console'] = {
  title: '운영 콘솔',
};
