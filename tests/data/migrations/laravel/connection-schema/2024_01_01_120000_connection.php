<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        Schema::connection('audit')->table('events', function (Blueprint $table) {
            $table->dropColumn('payload');
        });
        Schema::connection('audit')->dropIfExists('old_events');
    }

    public function down(): void
    {
        Schema::connection('audit')->table('events', function (Blueprint $table) {
            $table->json('payload')->nullable();
        });
    }
};
