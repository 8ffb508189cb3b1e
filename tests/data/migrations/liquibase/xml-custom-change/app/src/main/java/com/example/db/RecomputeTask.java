package com.example.db;

public class RecomputeTask extends ReversibleTask {
}
