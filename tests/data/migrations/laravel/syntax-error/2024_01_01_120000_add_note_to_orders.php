<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        Schema::create('a', function ($table) {
            $table->id(;
        });
    }

    public function down(): void
    {
        Schema::dropIfExists('a');
    }
};
