<?php

use App\Models\LinkPreview;
use App\Models\Episode;
use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::create(LinkPreview::TABLE_NAME, function (Blueprint $table) {
            $table->id();
            $table->text('url');
        });

        DB::statement('ALTER TABLE ' . LinkPreview::TABLE_NAME . ' ADD UNIQUE link_previews_url_unique (url(255))');

        Schema::table(Episode::TABLE_NAME, function (Blueprint $table) {
            $table->unique('slug');
        });
    }

    public function down(): void
    {
        Schema::dropIfExists(LinkPreview::TABLE_NAME);
    }
};
