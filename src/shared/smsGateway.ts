/** Africa's Talking addresses (INTERFACES.md "SMS gateway"): the live service and its sandbox. */
export const AT_LIVE_URL = 'https://api.africastalking.com';
export const AT_SANDBOX_URL = 'https://api.sandbox.africastalking.com';
/** The sandbox takes only this username. */
export const AT_SANDBOX_USERNAME = 'sandbox';
