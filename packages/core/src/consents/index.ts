// The property owner's consent per entrance (R7).
export * from './consent-rules';
