package io.portero.sessions.entity;

import java.time.Instant;

/** The filters of an administrator's session search; null means "any". */
public record SessionFilter(Boolean live, String username, Instant startedAfter, Instant startedBefore) {}
