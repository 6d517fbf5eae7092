package io.portero.platform.http;

/**
 * A request body class: public fields named as the JSON members (in camelCase for snake_case),
 * bound strictly by {@link JsonBodyReader}. Only {@code String}, {@code Boolean} and
 * {@code List<String>} fields are allowed.
 */
public interface JsonRequest {}
