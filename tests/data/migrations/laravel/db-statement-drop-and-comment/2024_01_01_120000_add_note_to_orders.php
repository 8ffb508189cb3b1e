<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Log;

return new class extends Migration {
    public function up(): void
    {
        // DB::statement('DROP TABLE users');
        Log::info('DROP TABLE users is not run');
        DB::statement('ALTER TABLE orders DROP COLUMN legacy_total');
    }

    public function down(): void
    {
        DB::statement('ALTER TABLE orders ADD COLUMN legacy_total integer');
    }
};
