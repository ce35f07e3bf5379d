import { Problem } from '../http/problem';

/** Unknown and invisible look the same (a 404, not a 403), so ids do not leak. */
export const initiativeNotFound = (id: string): Problem => new Problem(404, 'not-found', `initiative '${id}' does not exist or is not visible to you`);
