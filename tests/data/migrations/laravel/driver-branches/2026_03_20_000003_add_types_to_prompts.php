<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        if ($this->isPostgres()) {
            DB::statement("ALTER TABLE prompts ALTER COLUMN type TYPE VARCHAR(20)");
        } else {
            DB::statement("ALTER TABLE prompts MODIFY COLUMN type ENUM('product', 'category', 'image') NOT NULL DEFAULT 'product'");
        }
        if (DB::getDriverName() === 'mysql') {
            DB::statement('ALTER TABLE prompts MODIFY COLUMN tone VARCHAR(10) NOT NULL');
        } elseif (DB::getDriverName() === 'pgsql') {
            DB::statement('ALTER TABLE prompts ALTER COLUMN tone TYPE VARCHAR(10)');
        }
        if (Schema::hasTable('mysql_settings')) {
            DB::statement('ALTER TABLE prompts ALTER COLUMN kind SET NOT NULL');
        } else {
            DB::statement('ALTER TABLE prompts ALTER COLUMN label SET NOT NULL');
        }
    }

    public function down(): void
    {
        if ($this->isPostgres()) {
            DB::statement("ALTER TABLE prompts ALTER COLUMN type TYPE VARCHAR(10)");
        } else {
            DB::statement("ALTER TABLE prompts MODIFY COLUMN type ENUM('product', 'category') NOT NULL DEFAULT 'product'");
        }
        if (DB::getDriverName() === 'mysql') {
            DB::statement('ALTER TABLE prompts MODIFY COLUMN tone VARCHAR(20) NULL');
        }
    }

    protected function isPostgres(): bool
    {
        return Schema::getConnection()->getDriverName() === 'pgsql';
    }
};
