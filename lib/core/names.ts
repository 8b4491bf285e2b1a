/** Environment names: 2-12 lower-case letters and digits, starting with a letter (they are part of Azure names). */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{1,11}$/;
