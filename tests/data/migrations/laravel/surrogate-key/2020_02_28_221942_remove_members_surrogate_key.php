<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

class RemoveMembersSurrogateKey extends Migration
{
    public function up()
    {
        Schema::table('alliance_members', function (Blueprint $table) {
            $table->dropPrimary(['alliance_id', 'corporation_id']);
            $table->unique(['alliance_id', 'corporation_id']);
        });

        Schema::table('alliance_members', function (Blueprint $table) {
            $table->bigIncrements('id')->first();
        });

        Schema::table('alliance_contacts', function (Blueprint $table) {
            $table->unique(['alliance_id', 'contact_id']);
        });
    }

    public function down()
    {
        Schema::table('alliance_contacts', function (Blueprint $table) {
            $table->dropUnique(['alliance_id', 'contact_id']);
        });

        Schema::table('alliance_members', function (Blueprint $table) {
            $table->dropColumn('id');
            $table->dropUnique(['alliance_id', 'corporation_id']);
        });

        Schema::table('alliance_members', function (Blueprint $table) {
            $table->primary(['alliance_id', 'corporation_id']);
        });
    }
}
