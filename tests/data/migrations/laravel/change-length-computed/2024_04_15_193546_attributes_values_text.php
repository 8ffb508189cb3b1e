<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up()
    {
        Schema::table('attributes', function (Blueprint $table) {
            $table->string('values', 512*8)->change();
            $table->string('label', 2 * (10 + 22))->change();
        });
    }

    public function down()
    {
        Schema::table('attributes', function (Blueprint $table) {
            $table->string('values', 512)->change();
            $table->string('label', 255)->change();
        });
    }
};
