package io.portero.audit.entity;

/** Whether an audited action was done ({@code SUCCESS}) or refused / suspicious ({@code FAILURE}). */
public enum Outcome {
    SUCCESS,
    FAILURE
}
