export { findPersonalData, checkFreeText, passesElevenTest } from './personal-data';
export type { PersonalDataFinding } from './personal-data';
export { PERSONAL_DATA_CODES } from './personal-data-codes';
export type { PersonalDataKind, PersonalDataCode } from './personal-data-codes';
