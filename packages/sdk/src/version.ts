/** The SDK's version, sent with every batch. */
export const sdkVersion = '0.1.0';
