// The form helpers live in the platform; this module's pages import them from here.
export { formBody, problemOf } from '../../platform/forms';
