<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\DB;

return new class extends Migration {
    public function up(): void
    {
        DB::statement('UPDATE users SET email = lower(email)');
    }

    public function down(): void
    {
        throw new RuntimeException('This migration cannot be reversed.');
    }
};
