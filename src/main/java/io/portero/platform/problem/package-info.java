/** RFC 9457 problem documents: the exception mappers, stable codes and their Spanish and English texts. */
package io.portero.platform.problem;
