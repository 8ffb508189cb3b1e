<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        Schema::table('statuses', function (Blueprint $table) {
            $table->string('email')->default('')->nullable(false)->change();
            $table->string('name')->nullable(false)->change();
        });
    }

    public function down(): void
    {
        Schema::table('statuses', function (Blueprint $table) {
            $table->string('email')->nullable()->change();
            $table->string('name')->nullable()->change();
        });
    }
};
