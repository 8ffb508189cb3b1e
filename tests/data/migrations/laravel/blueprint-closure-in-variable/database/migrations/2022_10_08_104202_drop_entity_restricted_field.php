<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        $dropRestrictedColumn = fn(Blueprint $table) => $table->dropColumn('restricted');
        Schema::table('pages', $dropRestrictedColumn);
        Schema::table('books', $dropRestrictedColumn);
    }

    public function down(): void
    {
        $createRestrictedColumn = function (Blueprint $table) {
            $table->boolean('restricted')->index()->default(0);
        };
        Schema::table('pages', $createRestrictedColumn);
        Schema::table('books', $createRestrictedColumn);
    }
};
