/** Paged, sorted, filtered lists: parsing and checking their query parameters. */
package io.portero.platform.paging;
