<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::table('article_category', function (Blueprint $table): void {
            $table->dropIndex(['article_id', 'category_id']);
            $table->unique(['article_id', 'category_id']);
        });
        Schema::table('tags', function (Blueprint $table): void {
            $table->dropUnique(['name']);
            $table->unique(['name', 'user_id']);
        });
    }

    public function down(): void
    {
        Schema::table('tags', function (Blueprint $table): void {
            $table->dropUnique(['name', 'user_id']);
            $table->unique(['name']);
        });
        Schema::table('article_category', function (Blueprint $table): void {
            $table->dropUnique(['article_id', 'category_id']);
            $table->index(['article_id', 'category_id']);
        });
    }
};
