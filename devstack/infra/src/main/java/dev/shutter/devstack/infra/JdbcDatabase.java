package dev.shutter.devstack.infra;

/** Where a PostgreSQL database answers: a JDBC URL and the credentials that open it. */
public record JdbcDatabase(String url, String username, String password) {}
