<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        $count = DB::table('downloads')->get()->count();
        logger("dropping {$count} downloads");
        Schema::dropIfExists('downloads');
    }

    public function down(): void
    {
        Schema::create('downloads', function ($table) {
            $table->increments('id');
        });
    }
};
