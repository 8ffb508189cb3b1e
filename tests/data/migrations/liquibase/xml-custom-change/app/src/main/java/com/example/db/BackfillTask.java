package com.example.db;

import liquibase.change.custom.CustomTaskChange;
import liquibase.change.custom.CustomTaskRollback;

public class BackfillTask implements CustomTaskChange, CustomTaskRollback {
}
