<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        if (Schema::hasTable('jobs')) {
            Schema::drop('jobs');
        }
        Schema::create('jobs', function ($table) {
            $table->bigIncrements('id');
        });
    }

    public function down(): void
    {
        Schema::dropIfExists('jobs');
    }
};
