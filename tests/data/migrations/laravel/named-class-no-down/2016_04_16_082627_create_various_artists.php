<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\Schema;

class CreateVariousArtists extends Migration
{
    public function up()
    {
        Schema::create('various_artists', function ($table) {
            $table->increments('id');
            $table->string('name');
        });
    }
}
