package dev.blueprint.model;

/** The body format of token requests: form-urlencoded (RFC 6749) or JSON (some providers). */
public enum TokenRequestFormat { FORM, JSON }
