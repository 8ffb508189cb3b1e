<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

class ShortenTitles extends Migration
{
    protected $table = 'books';

    public function up()
    {
        Schema::table($this->table, function (Blueprint $table) {
            $table->string('title', 50)->change();
        });
    }

    public function down()
    {
        Schema::table($this->table, function (Blueprint $table) {
            $table->string('title', 255)->change();
        });
    }
}
