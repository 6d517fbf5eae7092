package io.portero.platform.paging;

import java.util.List;

/** One page of a list: {@code items}, the 0-based {@code page}, its {@code size}, and the {@code total}. */
public record Page<T>(List<T> items, int page, int size, long total) {}
