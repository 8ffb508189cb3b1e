<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        Schema::table('users', function ($table) {
            $table->boolean('is_admin')->default(false);
        });
    }

    public function down(): void
    {
        app('log')->warning('Rolling back is not supported.');
    }
};
