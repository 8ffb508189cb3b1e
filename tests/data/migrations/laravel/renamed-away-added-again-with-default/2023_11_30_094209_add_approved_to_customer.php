<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        if (!Schema::hasColumn('customers', 'active')) {
            Schema::table('customers', function (Blueprint $table) {
                $table->renameColumn('status', 'active');
            });

            Schema::table('customers', function (Blueprint $table) {
                $table->string('status')->comment('review state')->default('approved')->after('avatar');
            });
        }
    }

    public function down(): void
    {
        if (Schema::hasColumn('customers', 'active')) {
            Schema::table('customers', function (Blueprint $table) {
                $table->dropColumn('status');
            });

            Schema::table('customers', function (Blueprint $table) {
                $table->renameColumn('active', 'status');
            });
        }
    }
};
