export * from './actor';
export * from './embedded-secret';
export * from './sign-token';
export * from './token-verifier';
export * from './demo-users';
