package com.example.db;

import liquibase.change.custom.CustomTaskChange;

public class OneWayTask implements CustomTaskChange {
}
