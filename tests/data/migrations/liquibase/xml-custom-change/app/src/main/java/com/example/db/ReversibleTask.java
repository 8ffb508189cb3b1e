package com.example.db;

public abstract class ReversibleTask implements liquibase.change.custom.CustomSqlRollback {
}
