/** Changes every generated name, date and answer; the default gives the demo everyone knows. */
export const DEMO_SEED = 7;
