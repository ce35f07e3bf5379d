/**
 * The reliability scenarios run at two sizes: small inside `npm test` (a minute or two), full from
 * `npm run test:reliability` (REGIE_RELIABILITY=full, about ten minutes), which also prints the table.
 */
export const FULL = process.env.REGIE_RELIABILITY === 'full';

export const sized = <T>(small: T, full: T): T => (FULL ? full : small);
