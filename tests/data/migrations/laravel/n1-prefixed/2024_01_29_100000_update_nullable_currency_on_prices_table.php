<?php

use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;
use Shop\Base\PrefixedMigration;

return new class extends PrefixedMigration
{
    public function up(): void
    {
        Schema::table($this->prefix.'prices', function (Blueprint $table) {
            $table->foreignId('currency_id')->nullable(false)->change();
        });
    }

    public function down(): void
    {
        Schema::table($this->prefix.'prices', function (Blueprint $table) {
            $table->foreignId('currency_id')->nullable()->change();
        });
    }
};
