<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        Schema::table('statuses', function (Blueprint $table) {
            $table->string('uri')->nullable()->unique()->index()->change();
            $table->string('email')->nullable(false)->change();
            $table->string('title', 300)->change();
        });
    }

    public function down(): void
    {
        Schema::table('statuses', function (Blueprint $table) {
            $table->string('email')->nullable()->change();
            $table->string('title', 255)->change();
        });
    }
};
