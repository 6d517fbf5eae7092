/**
 * HTTP conventions: strict JSON bodies, body and header limits, the pages' headers, CORS, requests a
 * cross-site form cannot send, client addresses behind proxies, the error page.
 */
package io.portero.platform.http;
