<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        $this->dropLegacy();
    }

    public function down(): void
    {
        $this->restoreLegacy();
    }

    private function dropLegacy(): void
    {
        Schema::dropIfExists('legacy_sessions');
    }

    private function restoreLegacy(): void
    {
        Schema::create('legacy_sessions', function ($table) {
            $table->increments('id');
        });
    }
};
