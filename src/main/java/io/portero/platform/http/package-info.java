/** HTTP conventions: strict JSON bodies, body and header limits, client addresses behind proxies, the error page. */
package io.portero.platform.http;
