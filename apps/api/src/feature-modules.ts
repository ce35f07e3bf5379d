/** The API's feature modules, one per area of the contract. */
export const featureModules: any[] = [];
