export { findPersonalData, checkFreeText, passesElevenTest } from './personal-data';
export type { PersonalDataKind, PersonalDataFinding } from './personal-data';
