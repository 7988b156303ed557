/**
 * The Node.js binary end-to-end tests run the bundles with: this process's, or the one named by
 * SHIPSHAPE_E2E_NODE (CI points it at Node 24, the action's `node24` runtime).
 */
export const NODE = process.env.SHIPSHAPE_E2E_NODE || process.execPath
